package org.nightlight.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void slugify_englishQuestions_dropPunctuationAndLowerCase() {
        assertThat(Slugs.slugify("What is baby sleep myoclonus?")).isEqualTo("what-is-baby-sleep-myoclonus");
        assertThat(Slugs.slugify("Is it normal for babies to twitch in their sleep?"))
                .isEqualTo("is-it-normal-for-babies-to-twitch-in-their-sleep");
        assertThat(Slugs.slugify("Benign neonatal sleep myoclonus")).isEqualTo("benign-neonatal-sleep-myoclonus");
    }

    @Test
    void slugify_accentedLatinGreekCyrillic_loseTheirMarks() {
        assertThat(Slugs.slugify("¿Qué es?")).isEqualTo("que-es");
        assertThat(Slugs.slugify("Élève")).isEqualTo("eleve");
        assertThat(Slugs.slugify("İstanbul")).isEqualTo("istanbul");
        assertThat(Slugs.slugify("Άλφα")).isEqualTo("αλφα");
        assertThat(Slugs.slugify("Привет, мир!")).isEqualTo("привет-мир");
    }

    @Test
    void slugify_arabic_keepsLettersJoinedByDashes() {
        assertThat(Slugs.slugify("ما هو الرمع العضلي أثناء النوم؟")).isEqualTo("ما-هو-الرمع-العضلي-أثناء-النوم");
    }

    @Test
    void slugify_arabicHarakat_areKept() {
        String withHarakat = "مَرْحَبًا";
        assertThat(Slugs.slugify(withHarakat)).isEqualTo(withHarakat);
    }

    @Test
    void slugify_japanese_keepsKanaWithDakutenAndFoldsFullwidth() {
        assertThat(Slugs.slugify("赤ちゃんが眠る？")).isEqualTo("赤ちゃんが眠る");
        assertThat(Slugs.slugify("ＡＢＣ　１２３")).isEqualTo("abc-123");
    }

    @Test
    void slugify_softHyphen_doesNotSplitWord() {
        assertThat(Slugs.slugify("myo\u00ADclonus")).isEqualTo("myoclonus");
    }

    @Test
    void slugify_punctuationRuns_becomeOneDashAndEndsAreTrimmed() {
        assertThat(Slugs.slugify("--Hello,  (big)   World!!--")).isEqualTo("hello-big-world");
    }

    @Test
    void slugify_nothingLeft_givesItem() {
        assertThat(Slugs.slugify("")).isEqualTo("item");
        assertThat(Slugs.slugify(" ?!- ")).isEqualTo("item");
    }

    @Test
    void slugify_longTitle_isCutAtDashBoundary() {
        String slug = Slugs.slugify("abcdefghi ".repeat(10));

        assertThat(slug).isEqualTo(String.join("-", java.util.Collections.nCopies(8, "abcdefghi")));
        assertThat(slug).hasSize(79);
    }

    @Test
    void slugify_dashRightAfterEightyChars_keepsExactlyEighty() {
        String slug = Slugs.slugify("a".repeat(39) + " " + "b".repeat(40) + " ccccc");

        assertThat(slug).isEqualTo("a".repeat(39) + "-" + "b".repeat(40));
        assertThat(slug).hasSize(80);
    }

    @Test
    void slugify_singleHugeWord_isCutHard() {
        assertThat(Slugs.slugify("x".repeat(100))).isEqualTo("x".repeat(80));
    }
}
