import type { Transporter } from 'nodemailer';
import type { AlertsConfig } from '../config/config.ts';

type EmailSettings = NonNullable<AlertsConfig['email']>;

/**
 * Sends alert e-mails over SMTP with nodemailer, loaded on the first e-mail so a gateway without
 * e-mail alerts never carries it. The transport is kept while `smtp_url` stays the same and
 * replaced when a settings change alters it, since alerts settings change at run time.
 */
export class EmailAlertSender {
  readonly #timeoutMs: number;
  #transport: { smtpUrl: string; transporter: Transporter } | undefined;

  constructor(options: { timeoutMs: number }) {
    this.#timeoutMs = options.timeoutMs;
  }

  async send(options: { email: EmailSettings; subject: string; text: string }): Promise<void> {
    const { email } = options;
    const transporter = await this.#transporterFor(email.smtpUrl);
    await transporter.sendMail({ from: email.from, to: email.to, subject: options.subject, text: options.text });
  }

  close(): void {
    this.#transport?.transporter.close();
    this.#transport = undefined;
  }

  async #transporterFor(smtpUrl: string): Promise<Transporter> {
    if (this.#transport?.smtpUrl === smtpUrl) return this.#transport.transporter;
    const { default: nodemailer } = await import('nodemailer');
    // Another send may have created it while nodemailer loaded.
    if (this.#transport?.smtpUrl === smtpUrl) return this.#transport.transporter;
    this.#transport?.transporter.close();
    const transporter = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: this.#timeoutMs,
      greetingTimeout: this.#timeoutMs,
      socketTimeout: this.#timeoutMs,
    });
    this.#transport = { smtpUrl, transporter };
    return transporter;
  }
}
