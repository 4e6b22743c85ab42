import { describe, expect, it } from "@jest/globals";
import { render, screen, within } from "@testing-library/react";
import { BarChart, StepLineChart } from "@/components/report/Charts";

/** The report's charts: every label whole, however long and however many. */
describe("BarChart", () => {
  const bars = Array.from({ length: 40 }, (_, i) => ({ name: `${i + 1}-топ: жастарды заңсыз еңбек көші-қонынан қорғау жөніндегі бастамашыл топ`, count: (i % 7) + 1 }));

  it("shows all 40 groups with their names in full, each with its count", () => {
    render(<BarChart bars={bars} label="Топтағы жазбалар" />);
    const chart = screen.getByRole("list", { name: "Топтағы жазбалар" });
    const rows = within(chart).getAllByRole("listitem");
    expect(rows).toHaveLength(40);
    rows.forEach((row, i) => {
      const label = within(row).getByText(bars[i].name);
      expect(label).toHaveAttribute("title", bars[i].name);
      expect(row).toHaveAttribute("data-count", String(bars[i].count));
      expect(row).toHaveTextContent(new RegExp(`${bars[i].count}$`));
    });
  });

  it("sizes the bars to the counts, the largest at full length", () => {
    render(<BarChart bars={[{ name: "Түлкі", count: 7 }, { name: "Аю", count: 1 }]} label="Notes per group" />);
    const widths = screen.getAllByRole("listitem").map((row) => parseFloat((row.querySelector("[aria-hidden]") as HTMLElement).style.width));
    expect(widths[0]).toBeCloseTo(85);
    expect(widths[1]).toBeCloseTo(85 / 7);
  });

  it("draws nothing without bars", () => {
    const { container } = render(<BarChart bars={[]} label="x" />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe("StepLineChart", () => {
  it("labels the time axis in the page's language", () => {
    render(<StepLineChart points={[[0, 1], [30 * 60_000, 5]]} label="Подключение" minutes={(n) => `${n} мин`} />);
    expect(screen.getByRole("img", { name: "Подключение" })).toHaveTextContent("30 мин");
  });
});
