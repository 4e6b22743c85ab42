import { IntlMessages } from "@/components/i18n/IntlMessages";

/** The organiser's pages: every message namespace, in the device's language (the root layout gives only `common`). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <IntlMessages>{children}</IntlMessages>;
}
