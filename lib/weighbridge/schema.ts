// A weighbridge's settings, as admins edit them and as the readers use them. No server imports.
import { z } from 'zod';
import { FORMAT_IDS } from './formats';
import { templateConfigSchema, compileTemplate } from './parsers/template';
import { WEIGHT_UNITS } from './reading';

export const CONNECTIONS = ['none', 'tcp', 'web-serial', 'agent'] as const;
export type Connection = (typeof CONNECTIONS)[number];
export const connectionLabels: Record<Connection, string> = {
  none: 'None: weights are typed in',
  tcp: 'Network (TCP host and port, reached by this server)',
  'web-serial': 'Serial cable to the gatehouse PC (Web Serial, Chrome or Edge)',
  agent: 'Site agent (pushes readings to this app over HTTPS)',
};

export const serialSettingsSchema = z.object({
  baudRate: z.coerce
    .number()
    .int()
    .refine((v) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(v), 'Choose a standard baud rate'),
  dataBits: z.coerce
    .number()
    .int()
    .refine((v) => v === 7 || v === 8, 'Data bits must be 7 or 8'),
  parity: z.enum(['none', 'even', 'odd']),
  stopBits: z.coerce
    .number()
    .int()
    .refine((v) => v === 1 || v === 2, 'Stop bits must be 1 or 2'),
});
export type SerialSettings = z.infer<typeof serialSettingsSchema>;
export const DEFAULT_SERIAL: SerialSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

const hostPattern = /^[A-Za-z0-9.-]{1,253}$/;

export const weighbridgeSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a name for the weighbridge').max(60, 'The name must be 60 characters or fewer'),
    connection: z.enum(CONNECTIONS),
    host: z.string().trim().max(253, 'The host must be 253 characters or fewer').default(''),
    port: z.string().trim().max(5).default(''),
    format: z.enum(FORMAT_IDS),
    template: templateConfigSchema.optional(),
    unit: z.enum(WEIGHT_UNITS),
    divisionKg: z.string().trim().max(6).default(''),
    serial: serialSettingsSchema.default(DEFAULT_SERIAL),
    cameraUrl: z.string().trim().max(500, 'The camera address must be 500 characters or fewer').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.connection === 'tcp') {
      if (!hostPattern.test(v.host)) ctx.addIssue({ code: 'custom', path: ['host'], message: 'Enter the indicator’s host name or IP address' });
      const port = Number(v.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) ctx.addIssue({ code: 'custom', path: ['port'], message: 'Enter a port from 1 to 65535' });
    }
    if (v.format === 'template') {
      if (!v.template) ctx.addIssue({ code: 'custom', path: ['template', 'template'], message: 'Enter the frame template' });
      else {
        const compiled = compileTemplate(v.template.template);
        if (!compiled.ok) ctx.addIssue({ code: 'custom', path: ['template', 'template'], message: compiled.message });
      }
    }
    if (v.divisionKg !== '') {
      const d = Number(v.divisionKg);
      if (!Number.isInteger(d) || d < 1 || d > 1000)
        ctx.addIssue({ code: 'custom', path: ['divisionKg'], message: 'The division must be a whole number of kg from 1 to 1000' });
    }
    if (v.cameraUrl !== '') {
      let ok = false;
      try {
        const u = new URL(v.cameraUrl);
        ok = (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
      } catch {
        ok = false;
      }
      if (!ok) ctx.addIssue({ code: 'custom', path: ['cameraUrl'], message: 'Enter the camera’s snapshot address (http:// or https://, no password in it)' });
    }
  });
export type WeighbridgeInput = z.input<typeof weighbridgeSchema>;
export type WeighbridgeValues = z.output<typeof weighbridgeSchema>;

/** What a reader needs to know, on the server and in the browser (never the agent token or camera URL). */
export interface ReaderConfig {
  id: string;
  siteId: string;
  name: string;
  connection: Connection;
  host: string | null;
  port: number | null;
  format: (typeof FORMAT_IDS)[number];
  template: z.infer<typeof templateConfigSchema> | null;
  unit: (typeof WEIGHT_UNITS)[number];
  divisionKg: number | null;
  serial: SerialSettings;
}
