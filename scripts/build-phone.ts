// Builds the light phone page (phone/build.ts) into .next-phone/ (or the folder given as the first
// argument); `npm run build` runs it after Next's build.
import path from "node:path";
import { buildPhone } from "../phone/build";

const out = path.resolve(process.argv[2] ?? path.join(__dirname, "..", ".next-phone"));
buildPhone(out).then(
  (m) => console.log(`phone page built: ${m.files.length} files in ${path.relative(process.cwd(), out) || "."} (entry ${m.entry})`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
