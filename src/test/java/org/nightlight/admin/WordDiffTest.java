package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordDiffTest {

    @Test
    void changedWords_areMarked_andTheRestKept() {
        assertThat(WordDiff.html("The baby sleeps well.", "The baby sleeps badly."))
                .isEqualTo("The baby sleeps <del>well</del><ins>badly</ins>.");
    }

    @Test
    void addedAndRemovedLines_areMarkedWhole() {
        String html = WordDiff.html("one\ntwo\nthree", "one\nthree\nfour");
        assertThat(html).contains("<del>two</del>").contains("<ins>four</ins>").startsWith("one\n");
    }

    @Test
    void anAddedParagraph_isMarkedWithoutEmptyMarks() {
        assertThat(WordDiff.html("First.", "First.\n\nSecond one."))
                .isEqualTo("First.\n\n<ins>Second one.</ins>");
    }

    @Test
    void markupInEitherText_isEscaped_evenInsideChanges() {
        String html = WordDiff.html("Hello <b>world</b> & co", "Hello <script>alert(1)</script> & co");
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>")
                .contains("<ins>alert(1)&lt;/script</ins>").endsWith("&gt; &amp; co");
        assertThat(html.replaceAll("</?(ins|del)>", "")).doesNotContain("<").doesNotContain(">");
    }

    @Test
    void privateUseMarksTypedByAWriter_cannotForgeTags() {
        String html = WordDiff.html("a \uE002b\uE003", "a \uE000<i>\uE001");
        assertThat(html.replaceAll("</?(ins|del)>", "")).doesNotContain("<i>");
    }

    @Test
    void identicalTexts_haveNoMarks() {
        assertThat(WordDiff.html("same\ntext", "same\ntext")).isEqualTo("same\ntext");
        assertThat(WordDiff.html("a\r\nb", "a\nb")).as("only the line endings differ").isEqualTo("a\nb");
    }

    @Test
    void aWordChangedInside_marksTheCharactersThatDiffer_onBothSides() {
        assertThat(WordDiff.html("Call your doctor.", "Call your doctors."))
                .isEqualTo("Call your <del>doctor</del><ins>doctor<mark>s</mark></ins>.");
        assertThat(WordDiff.html("the myoclonus stops", "the myoclnus stops"))
                .isEqualTo("the <del>myocl<mark>o</mark>nus</del><ins>myoclnus</ins> stops");
    }

    @Test
    void aWordReplacedByAnother_staysWhole_andMarksCannotBeForged() {
        assertThat(WordDiff.html("sleeps well", "sleeps badly")).isEqualTo("sleeps <del>well</del><ins>badly</ins>");
        String html = WordDiff.html("x a", "x <b>");
        assertThat(html.replaceAll("</?(ins|del|mark)>", "")).doesNotContain("<b>");
    }
}
