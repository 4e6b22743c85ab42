import { parseSketchId, simplifyPoints, sketchIdFor, SKETCH_H, SKETCH_W } from "@/lib/domain/sketch";
import { sketchToSvg, strokePath } from "@/lib/domain/sketch-svg";

const line = (n: number) => Array.from({ length: n }, (_, i) => [i * 10, i * 10, 50]).flat();

describe("stroke simplification", () => {
  it.each([
    ["a straight line keeps its ends", line(50), [0, 0, 50, 490, 490, 50]],
    ["two points stay", [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]],
    ["one point stays", [7, 8, 9], [7, 8, 9]],
    ["a corner keeps the corner", [0, 0, 50, 50, 0, 50, 100, 0, 50, 100, 50, 50, 100, 100, 50], [0, 0, 50, 100, 0, 50, 100, 100, 50]],
  ])("%s", (_n, input, out) => {
    expect(simplifyPoints(input)).toEqual(out);
  });

  it("keeps the shape of a curve within the tolerance with far fewer points", () => {
    const circle = Array.from({ length: 400 }, (_, i) => {
      const a = (i / 399) * Math.PI * 2;
      return [Math.round(375 + 200 * Math.cos(a)), Math.round(500 + 200 * Math.sin(a)), 60];
    }).flat();
    const simple = simplifyPoints(circle, 1.5);
    expect(simple.length / 3).toBeLessThan(120);
    expect(simple.length / 3).toBeGreaterThan(20);
    for (let i = 0; i < simple.length; i += 3) {
      expect(Math.abs(Math.hypot(simple[i] - 375, simple[i + 1] - 500) - 200)).toBeLessThan(2);
    }
  });
});

describe("SVG rendering", () => {
  it("draws each stroke as a filled outline on a white page of the sketch size", () => {
    const svg = sketchToSvg([
      { points: line(10), width: 14, tool: "pen", colour: "#dc2626" },
      { points: [100, 100, 50, 200, 100, 50], width: 30, tool: "eraser", colour: "#111827" },
    ]);
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SKETCH_W} ${SKETCH_H}"`));
    expect(svg).toContain(`<rect width="${SKETCH_W}" height="${SKETCH_H}" fill="#ffffff"/>`);
    expect(svg.match(/<path d="M[^"]+Z" fill="#dc2626"\/>/g)).toHaveLength(1);
    expect(svg).toContain('fill="#ffffff"/></svg>');
  });

  it("puts the outline around the points it was given", () => {
    const d = strokePath({ points: [100, 100, 50, 300, 100, 50], width: 20 });
    const nums = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const xs = nums.filter((_, i) => i % 2 === 0);
    const ys = nums.filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBeGreaterThan(80);
    expect(Math.max(...xs)).toBeLessThan(320);
    expect(Math.min(...ys)).toBeGreaterThan(85);
    expect(Math.max(...ys)).toBeLessThan(115);
  });

  it("escapes the title", () => {
    expect(sketchToSvg([], '<script>"x"</script>')).toContain("<title>&lt;script&gt;&quot;x&quot;&lt;/script&gt;</title>");
  });
});

describe("sketch ids", () => {
  it("name the owner and the step, and read back", () => {
    expect(sketchIdFor("group", "p1", "g-1", "poster")).toBe("g_g-1_poster");
    expect(sketchIdFor("individual", "p-1", "g-1", null)).toBe("p_p-1_free");
    expect(sketchIdFor("group", "p-1", null, "poster")).toBe("p_p-1_poster");
    expect(parseSketchId("g_g-1_poster")).toEqual({ ownerKind: "group", ownerId: "g-1", stepId: "poster" });
    expect(parseSketchId("p_p-1_free")).toEqual({ ownerKind: "participant", ownerId: "p-1", stepId: null });
    expect(parseSketchId("x_1_2")).toBeNull();
    expect(parseSketchId("p_../../_x")).toBeNull();
  });
});
