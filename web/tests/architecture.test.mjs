// The web UI's shape, checked without a browser: no module imports itself through others (pages
// get their shared pieces from ui/, never from main.ts or another page), and every text a page
// shows in Dutch exists in English too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src");

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/from "(\.[^"]+)"/g)]
    .map((m) => normalize(join(dirname(file), m[1])))
    .map((p) => (existsSync(p + ".ts") ? p + ".ts" : existsSync(join(p, "index.ts")) ? join(p, "index.ts") : null))
    .filter(Boolean);
}

test("no import circle in web/src", () => {
  const graph = new Map(sources(src).map((f) => [f, imports(f)]));
  const state = new Map();
  const circles = [];
  const visit = (file, path) => {
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") circles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(src, f)).join(" → "));
      else if (!state.has(next)) visit(next, [...path, next]);
    }
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, [file]);
  assert.deepEqual(circles, []);
});

test("pages take the page context and maps from ui/, not from main.ts or another page", () => {
  for (const file of sources(src)) {
    const name = relative(src, file);
    for (const target of imports(file).map((f) => relative(src, f))) {
      assert.notEqual(target, "main.ts", `${name} imports main.ts`);
      if (name !== "main.ts") assert.ok(!target.startsWith("pages/"), `${name} imports the page ${target}`);
    }
  }
});

test("every domain's texts have the same keys in Dutch and English", async () => {
  for (const file of readdirSync(join(src, "i18n")).filter((f) => f !== "index.ts")) {
    const text = readFileSync(join(src, "i18n", file), "utf8");
    const [nl, en] = text.split("export const en").map((part) => [...part.matchAll(/^  (\w+):/gm)].map((m) => m[1]));
    assert.deepEqual(en, nl, `${file}: English and Dutch keys differ`);
  }
});
