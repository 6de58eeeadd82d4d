package io.nurtureflow.workspace;

import java.time.Instant;

/** One ready-made script (话术); its body may use the same variables as SOP content ({{name}}, {{rep}}, {{channel}}). */
record Script(long id, String title, String category, String body, String updatedBy, Instant updatedAt) {
}
