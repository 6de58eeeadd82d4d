package io.nurtureflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a benchmark's section into docs/BENCHMARKS.md, replacing its earlier one and leaving the others. A smoke run
 * (NURTURE_BENCH_SMOKE, as CI runs every bench) writes nothing: figures come only from full runs.
 */
final class BenchDoc {

    private BenchDoc() {
    }

    static void write(String heading, String section) throws IOException {
        System.out.println(section);
        if (smoke()) {
            System.out.println("smoke run: docs/BENCHMARKS.md left as it was");
            return;
        }
        Path doc = Path.of("docs/BENCHMARKS.md");
        String existing = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n";
        int start = existing.indexOf(heading);
        if (start >= 0) {
            int end = existing.indexOf("\n## ", start + heading.length());
            existing = existing.substring(0, start) + (end < 0 ? "" : existing.substring(end + 1));
        }
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, existing.stripTrailing() + "\n\n" + section);
    }

    static boolean smoke() {
        return System.getenv("NURTURE_BENCH_SMOKE") != null;
    }
}
