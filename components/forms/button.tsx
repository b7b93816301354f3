// The app's buttons, and links that look like buttons, in one place so they cannot drift apart:
// `primary` for the one main action of a page or form, `secondary` for the others, `warning` for an
// action that destroys or cannot be undone, `link` for a quiet action that reads like a link. `ButtonLink`
// (button-link.tsx) is a file of its own, so a page with only buttons ships no next/link for it.
import { forwardRef, type ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'warning' | 'link';
export type ButtonSize = 'md' | 'sm';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-brand-700 text-white hover:bg-brand-900',
  secondary: 'border-2 border-slate-700 bg-white hover:bg-slate-100',
  warning: 'bg-danger-700 text-white hover:bg-red-900',
  link: 'text-brand-700 underline hover:text-brand-900',
};

const SIZES: Record<ButtonSize, string> = {
  md: 'px-5 py-2',
  sm: 'px-3 py-1',
};

/** The classes of a button of this variant and size (for the rare element that is neither a button nor a link). */
export function buttonClass({ variant = 'primary', size = 'md', className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return ['inline-block font-semibold disabled:opacity-60', VARIANTS[variant], SIZES[size], className].filter(Boolean).join(' ');
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize };

/** A `<button>`; `type` defaults to "button" so only an explicit `type="submit"` sends a form. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant, size, className, type = 'button', ...rest }, ref) {
  return <button ref={ref} type={type} className={buttonClass({ variant, size, className })} {...rest} />;
});
