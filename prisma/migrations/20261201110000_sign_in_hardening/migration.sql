-- Sign-in throttling (issue 11). One row per throttle key: a client address, and an account from one
-- client address (keys are keyed hashes: neither an address nor an email is stored). Attempts are
-- counted here, under a row lock, BEFORE the password is compared, so parallel guesses are all counted.
-- Unknown emails get keys too, so the throttle reveals nothing about which accounts exist. There is
-- deliberately no account-wide key: that would let a stranger slow down the real person.
CREATE TABLE "sign_in_throttle" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- The rule of this key (free attempts, first delay, cap) and whether its last attempt was let through:
    -- one INSERT … ON CONFLICT DO UPDATE counts and decides atomically, with no open transaction.
    "free" INTEGER NOT NULL,
    "base_ms" INTEGER NOT NULL,
    "cap_ms" INTEGER NOT NULL,
    "allowed" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "sign_in_throttle_last_at_idx" ON "sign_in_throttle"("last_at");

-- Demo accounts and site are marked so that they can be removed in one go (when the first real
-- administrator is created, or by an admin's "Remove demo data").
ALTER TABLE "app_user" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
