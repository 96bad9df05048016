// Builds the UI into web/dist, which `vangnet serve` hands out. No CDN, no external fonts:
// the UI must work without internet.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
