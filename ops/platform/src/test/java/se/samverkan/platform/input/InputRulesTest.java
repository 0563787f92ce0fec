package se.samverkan.platform.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static se.samverkan.platform.input.InputRules.Kind.FREE_TEXT;
import static se.samverkan.platform.input.InputRules.Kind.LINE;
import static se.samverkan.platform.input.InputRules.Kind.URL;

class InputRulesTest {

    record Inner(String label, @FreeText String note) {
    }

    record Request(String title, @FreeText String notes, @Url String url, List<String> organisations, Inner inner,
                   List<Inner> entries, Integer count) {
    }

    @Test
    void acceptsEachKindUpToItsLimitAndRefusesOneMore() {
        assertThat(InputRules.problemWith("a".repeat(200), LINE)).isEmpty();
        assertThat(InputRules.problemWith("a".repeat(201), LINE)).hasValue("is 201 characters long; at most 200 are allowed");
        assertThat(InputRules.problemWith("a".repeat(10_000), FREE_TEXT)).isEmpty();
        assertThat(InputRules.problemWith("a".repeat(10_001), FREE_TEXT)).isPresent();
        assertThat(InputRules.problemWith("h".repeat(2_000), URL)).isEmpty();
        assertThat(InputRules.problemWith("h".repeat(2_001), URL)).isPresent();
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertThat(InputRules.problemWith(emoji.repeat(200), LINE)).isEmpty();
        assertThat(InputRules.problemWith(emoji.repeat(201), LINE)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0001b", "a\u001bb", "a\u0007b", "a\u001fb"})
    void refusesC0ControlCharactersEverywhere(String value) {
        for (InputRules.Kind kind : InputRules.Kind.values()) {
            assertThat(InputRules.problemWith(value, kind)).as(kind.name())
                    .hasValueSatisfying(message -> assertThat(message).contains("control character U+00"));
        }
    }

    @Test
    void allowsTabAndLineBreaksInFreeTextOnly() {
        assertThat(InputRules.problemWith("first\r\n\tsecond", FREE_TEXT)).isEmpty();
        assertThat(InputRules.problemWith("first\nsecond", LINE)).hasValueSatisfying(m -> assertThat(m).contains("one line"));
        assertThat(InputRules.problemWith("first\rsecond", URL)).isPresent();
        assertThat(InputRules.problemWith("first\tsecond", LINE)).hasValueSatisfying(m -> assertThat(m).contains("U+0009"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\uD800b", "a\uDC00", "\uD800", "x\uDBFF"})
    void refusesLoneSurrogates(String value) {
        assertThat(InputRules.problemWith(value, FREE_TEXT)).hasValueSatisfying(m -> assertThat(m).contains("lone surrogate"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x1FFFF, 0x10FFFF, 0xEFFFE})
    void refusesNonCharacters(int codePoint) {
        String value = "a" + Character.toString(codePoint) + "b";
        assertThat(InputRules.problemWith(value, FREE_TEXT)).hasValueSatisfying(m -> assertThat(m).contains("non-character"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Region Värmland", "Åsa Öberg – «projekt» №1", "\uFDCF\uFDF0\uFFFD", "日本語", "\uD83D\uDE00 ok"})
    void acceptsOrdinaryText(String value) {
        assertThat(InputRules.problemWith(value, LINE)).as(value).isEmpty();
    }

    @Test
    void walksEveryStringOfARequestIncludingListEntriesAndNestedRecords() {
        Request request = new Request("t\u0000", "ok\nfine", "u\nrl", List.of("ok", "bad\u0007"),
                new Inner("x".repeat(201), "n".repeat(10_000)), List.of(new Inner("fine", "bad\uFFFF")), 3);

        assertThat(InputRules.problemsIn(request)).extracting(InputRules.Problem::field)
                .containsExactly("title", "url", "organisations[1]", "inner.label", "entries[0].note");
    }

    @Test
    void refusesListsOfMoreThan500Entries() {
        Request atLimit = new Request(null, null, null, Collections.nCopies(500, "x"), null, null, null);
        Request overLimit = new Request(null, null, null, Collections.nCopies(501, "x"), null, null, null);

        assertThat(InputRules.problemsIn(atLimit)).isEmpty();
        assertThat(InputRules.problemsIn(overLimit)).containsExactly(
                new InputRules.Problem("organisations", "has 501 entries; at most 500 are allowed"));
    }

    @Test
    void pathValuesAreLinesWithoutSlashes() {
        assertThat(InputRules.pathProblemWith("siv-2024")).isEmpty();
        assertThat(InputRules.pathProblemWith("a/b")).isPresent();
        assertThat(InputRules.pathProblemWith("a\\b")).isPresent();
        assertThat(InputRules.pathProblemWith("a\u0001b")).isPresent();
    }
}
