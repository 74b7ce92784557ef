import { MailTransportKind } from '@coopera/domain';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, SendMailOptions } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface DeliveryReceipt {
  /** The file the message was written to, relative to the data folder (folder transport). */
  file: string | null;
}

/** Where the worker delivers: an SMTP server, a folder of .eml files (demo), or nowhere yet. */
export interface MailTransport {
  readonly kind: MailTransportKind;
  send(message: SendMailOptions & { messageId: string }, id: string): Promise<DeliveryReceipt>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export function createMailTransport(config: AppConfig): MailTransport {
  if (config.smtpUrl) return smtpTransport(config.smtpUrl);
  if (config.demo) return folderTransport(config.dataDir);
  return { kind: 'none', send: () => Promise.reject(new Error('No SMTP_URL is configured.')), close: () => undefined };
}

function smtpTransport(url: string): MailTransport {
  // Short timeouts: a message held by a hung server would otherwise stay locked for minutes.
  const transporter = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    kind: 'smtp',
    send: async (message) => {
      await transporter.sendMail(message);
      return { file: null };
    },
    close: () => transporter.close(),
  };
}

/** Demo mode: each message as an .eml file under `<data>/mail`, listed for the secretariat. */
function folderTransport(dataDir: string): MailTransport {
  const builder = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'folder',
    send: async (message, id) => {
      const info = (await builder.sendMail(message)) as { message: Buffer };
      const folder = join(dataDir, 'mail');
      await mkdir(folder, { recursive: true });
      const file = `${new Date().toISOString().slice(0, 10)}-${id}.eml`;
      // Written whole, then renamed: a reader never sees half a message.
      await writeFile(join(folder, `.${file}.tmp`), info.message);
      await rename(join(folder, `.${file}.tmp`), join(folder, file));
      return { file: join('mail', file) };
    },
    close: () => undefined,
  };
}
