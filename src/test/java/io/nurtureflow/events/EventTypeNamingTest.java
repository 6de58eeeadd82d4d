package io.nurtureflow.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Event types have one spelling: the one the README's API table lists is the one the API takes. */
class EventTypeNamingTest {

    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z_]+)`");

    @Test
    void theReadmeListsExactlyTheTypesTheApiTakes() throws IOException {
        String row = Files.readAllLines(Path.of("README.md")).stream()
                .filter(line -> line.startsWith("| `POST /api/events`")).findFirst().orElseThrow();
        var listed = NAME.matcher(row.substring(row.indexOf("`type` is one of"))).results()
                .map(m -> m.group(1)).toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(Enum::name).toList());
        listed.forEach(name -> assertThat(EventType.parse(name)).contains(EventType.valueOf(name)));
    }

    @Test
    void noOtherSpellingIsTakenForOne() {
        assertThat(EventType.parse("link_clicked")).isEmpty();
        assertThat(EventType.parse("LinkClicked")).isEmpty();
        assertThat(EventType.parse(null)).isEmpty();
    }
}
