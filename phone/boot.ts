import type { ConsentInfo } from "@/components/safeguarding/ConsentNotice";
import type { HelpInfo } from "@/lib/domain/help-contacts";

/**
 * What the light phone page carries as JSON (`<script type="application/json"
 * id="ortaq-phone">`): written by lib/server/pages/phone-page.ts, read by
 * phone/entry.tsx.
 */
export interface PhoneBoot {
  locale: string;
  /** The locale's phone messages (PHONE_NAMESPACES) only. */
  messages: Record<string, unknown>;
  consent: ConsentInfo;
  help: HelpInfo;
  /** From /join?code= or /s/<code>, at most 12 characters. */
  initialCode: string;
  /** Every file of the bundle: the service worker finds them in the page and keeps them. */
  files: string[];
}
