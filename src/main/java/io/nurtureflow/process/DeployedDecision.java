package io.nurtureflow.process;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One deployed version of a decision table, and what it decided for the inputs it was asked about. The DMN engine's
 * FEEL parses every cell again and builds its built-in functions anew on each evaluation: a fifth of a form intake's
 * CPU went there (docs/BENCHMARKS.md). A table that reads nothing but its inputs decides the same for the same inputs,
 * and a lead's inputs (channel, grade, subject, province) repeat across leads, so within one version each distinct
 * set of inputs is evaluated once. A table that could read anything else (FEEL's {@code now()} or {@code today()},
 * or an expression language other than FEEL) is evaluated every time. A failing evaluation is never remembered.
 */
final class DeployedDecision {

    private static final Pattern READS_THE_CLOCK = Pattern.compile("\\b(now|today)\\s*\\(");
    private static final Pattern LANGUAGE = Pattern.compile("expressionLanguage\\s*=\\s*\"([^\"]*)\"");
    /** Distinct inputs remembered per version; the least recently asked go first. */
    private static final int REMEMBERED = 4096;

    private final DmnEngine dmn;
    private final DmnDecision decision;
    private final boolean onlyReadsItsInputs;
    private final Map<Map<String, Object>, List<Object>> decided = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Map<String, Object>, List<Object>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    private DeployedDecision(DmnEngine dmn, DmnDecision decision, boolean onlyReadsItsInputs) {
        this.dmn = dmn;
        this.decision = decision;
        this.onlyReadsItsInputs = onlyReadsItsInputs;
    }

    static DeployedDecision parse(DmnEngine dmn, String key, byte[] model) {
        String text = new String(model, StandardCharsets.UTF_8);
        boolean onlyFeel = LANGUAGE.matcher(text).results()
                .allMatch(language -> language.group(1).toLowerCase(Locale.ROOT).contains("feel"));
        return new DeployedDecision(dmn, dmn.parseDecision(key, new ByteArrayInputStream(model)),
                onlyFeel && !READS_THE_CLOCK.matcher(text).find());
    }

    /** The single output of each rule that matched, in the table's order. */
    List<Object> entries(Map<String, Object> inputs) {
        if (!onlyReadsItsInputs) {
            return evaluate(inputs);
        }
        var asked = Collections.unmodifiableMap(new HashMap<>(inputs));
        var known = decided.get(asked);
        if (known != null) {
            return known;
        }
        var entries = evaluate(asked);
        decided.put(asked, entries);
        return entries;
    }

    /** The first matching rule's output, or null when no rule matched. */
    Object firstEntry(Map<String, Object> inputs) {
        var entries = entries(inputs);
        return entries.isEmpty() ? null : entries.get(0);
    }

    private List<Object> evaluate(Map<String, Object> inputs) {
        var entries = new ArrayList<>();
        for (DmnDecisionRuleResult rule : dmn.evaluateDecisionTable(decision, inputs)) {
            entries.add(rule.getSingleEntry());
        }
        return Collections.unmodifiableList(entries);
    }
}
