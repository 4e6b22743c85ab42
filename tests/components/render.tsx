import { render } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";
import en from "@/lib/i18n/messages/en.json";
import kk from "@/lib/i18n/messages/kk.json";
import ru from "@/lib/i18n/messages/ru.json";

const catalogues = { en, ru, kk };

/** Renders with the real message catalogue of a locale. */
export function renderIntl(ui: ReactElement, locale: keyof typeof catalogues = "en") {
  return render(
    <NextIntlClientProvider locale={locale} messages={catalogues[locale]} timeZone="Asia/Almaty">
      {ui}
    </NextIntlClientProvider>,
  );
}
