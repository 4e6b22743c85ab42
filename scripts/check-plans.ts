// Checks every plan file: prints problems (file › step › field) and texts
// without a Russian or Kazakh translation. Exit code 1 when a file is broken.
import path from "node:path";
import { loadPlanFiles } from "../lib/server/store/plan-files";

const dir = path.resolve(process.argv[2] ?? process.env.PLANS_DIR ?? "content/plans");
const loaded = loadPlanFiles(dir);
for (const p of loaded.plans) {
  const missing = loaded.missing[p.id] ?? [];
  console.log(`ok   ${p.id} (${p.steps.length} steps)${missing.length ? `, ${missing.length} missing translations:` : ", all texts translated"}`);
  for (const m of missing) console.log(`       missing ${m}`);
}
for (const i of loaded.issues) console.log(`FAIL ${i.file}${i.step ? ` › ${i.step}` : ""} › ${i.field}: ${i.message}`);
process.exit(loaded.issues.length ? 1 : 0);
