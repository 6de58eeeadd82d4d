package io.nurtureflow.sop;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.wecom.Attachment;
import io.nurtureflow.wecom.WeComLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The variables content may use, how they are filled in, and WeCom's limits, checked before anything is saved. */
final class ContentRules {

    static final List<String> VARIABLES = List.of("name", "rep", "channel");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>，。！？、）】]+");

    private ContentRules() {
    }

    /** Throws BadInput naming the first broken rule, with {@code at} ("steps[2].") in front of the field. */
    static void check(String at, String text, List<Attachment> attachments) {
        var fields = new ArrayList<Map.Entry<String, String>>();
        fields.add(Map.entry("text", text == null ? "" : text));
        for (int i = 0; i < attachments.size(); i++) {
            var a = attachments.get(i);
            fields.add(Map.entry("attachments[" + i + "].title", a.title() == null ? "" : a.title()));
            fields.add(Map.entry("attachments[" + i + "].description", a.description() == null ? "" : a.description()));
        }
        for (var field : fields) {
            Matcher m = VARIABLE.matcher(field.getValue());
            while (m.find()) {
                if (!VARIABLES.contains(m.group(1))) {
                    throw new BadInput(at + field.getKey(), "unknown variable {{" + m.group(1)
                            + "}}; content may use {{name}}, {{rep}} and {{channel}}");
                }
            }
        }
        var violations = WeComLimits.check(text, attachments);
        if (!violations.isEmpty()) {
            var first = violations.get(0);
            throw new BadInput(at + first.field(), first.message());
        }
    }

    static String render(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        return VARIABLE.matcher(template).replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }

    static List<Attachment> render(List<Attachment> attachments, Map<String, String> values) {
        return attachments.stream()
                .map(a -> a.withTexts(render(a.title(), values), render(a.description(), values))).toList();
    }

    /** Every URL in the text and every link attachment's URL, passed through {@code rewrite}. */
    static String rewriteUrls(String text, UnaryOperator<String> rewrite) {
        return text == null ? null
                : URL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(rewrite.apply(m.group())));
    }

    static List<Attachment> rewriteLinks(List<Attachment> attachments, UnaryOperator<String> rewrite) {
        return attachments.stream()
                .map(a -> a.kind() == Attachment.Kind.LINK ? a.withUrl(rewrite.apply(a.url())) : a).toList();
    }
}
