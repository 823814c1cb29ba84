package org.nightlight.exchange;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class FaqParserTest {

    private static final String TREATMENT_ANSWER = """
            Examples of medication that can help treat sleep myoclonus include :

            1. antiseizure and anticonvulsant medications, such as clonazepam (Klonopin), \
            phenytoin (Dilantin), and levetiracetam (Keppra)
            2. sedatives, such as barbiturates.
            3. 5-hydroxytryptophan, an amino acid in serotonin.
            4. botulinum toxin (Botox)""";

    // ---- the real seed ----

    @Test
    void parse_realSeed_findsFourteenQuestionsInOrder() {
        ParsedFaq faq = FaqParser.parse(seed());

        assertThat(faq.questions()).extracting(ParsedQuestion::question).containsExactly(
                "What is baby sleep myoclonus?",
                "Why does sleep myoclonus occur?",
                "When does sleep myoclonus stop?",
                "Is sleep myoclonus a seizure?",
                "Do kids grow out of sleep myoclonus?",
                "Is sleep myoclonus bad?",
                "What does sleep myoclonus look like?",
                "Do babies grow out of myoclonus?",
                "How do you treat myoclonus naturally?",
                "How do you prevent benign sleep myoclonus?",
                "Is it normal for babies to twitch in their sleep?",
                "How do you treat sleep myoclonus?",
                "Will myoclonic jerks go away?",
                "Why does my baby wake up crying in his sleep?");
        assertThat(faq.questions()).extracting(ParsedQuestion::line)
                .containsExactly(1, 5, 9, 13, 17, 23, 27, 31, 35, 39, 43, 49, 58, 62);
        assertThat(faq.title()).isNull();
    }

    @Test
    void parse_realSeed_firstAndLastAnswersAreTheirParagraphs() {
        List<ParsedQuestion> questions = FaqParser.parse(seed()).questions();

        assertThat(questions.get(0).answer()).isEqualTo(
                "Background: Benign neonatal sleep myoclonus (BNSM) is characterised by myoclonic jerks that "
                        + "occur only during sleep and stop abruptly when the child is aroused. It is a benign "
                        + "condition that is frequently confused with epileptic seizures during infancy.");
        assertThat(questions.get(13).answer())
                .startsWith("Newborns and young babies may grunt, cry, or scream in their sleep.")
                .endsWith("crying is their main form of communication.")
                .doesNotContain("\n");
    }

    @Test
    void parse_realSeed_dropsExactlyTheTwoJunkLines() {
        ParsedFaq faq = FaqParser.parse(seed());

        assertThat(faq.dropped()).containsExactly(
                new DroppedLine(21, "IT IS INTERESTING: How do you know if your baby is starving?"),
                new DroppedLine(47, "IT IS INTERESTING: How many days does homemade baby food last?"));
        // The line numbers point at the junk in the file itself (which uses a no-break space).
        List<String> fileLines = new String(seed(), UTF_8).lines().toList();
        assertThat(fileLines.get(20)).isEqualTo("IT IS INTERESTING:\u00A0 How do you know if your baby is starving?");
        assertThat(fileLines.get(46)).isEqualTo("IT IS INTERESTING:\u00A0 How many days does homemade baby food last?");
    }

    @Test
    void parse_realSeed_keepsNoJunkInQuestionsOrAnswers() {
        for (ParsedQuestion q : FaqParser.parse(seed()).questions()) {
            assertThat(q.question()).doesNotContainIgnoringCase("IT IS INTERESTING");
            assertThat(q.answer()).doesNotContainIgnoringCase("IT IS INTERESTING");
        }
    }

    @Test
    void parse_realSeed_treatmentAnswerIsIntroBlankLineThenOrderedList() {
        ParsedQuestion treat = FaqParser.parse(seed()).questions().get(11);

        assertThat(treat.question()).isEqualTo("How do you treat sleep myoclonus?");
        assertThat(treat.answer()).isEqualTo(TREATMENT_ANSWER);
        assertThat(treat.answer().lines().toList()).contains(
                "1. antiseizure and anticonvulsant medications, such as clonazepam (Klonopin), "
                        + "phenytoin (Dilantin), and levetiracetam (Keppra)",
                "4. botulinum toxin (Botox)");
    }

    @Test
    void parse_seedWithBomAndCrlf_givesEqualResult() {
        String text = new String(seed(), UTF_8);
        byte[] crlf = ("\uFEFF" + text.replace("\n", "\r\n")).getBytes(UTF_8);
        byte[] cr = text.replace("\n", "\r").getBytes(UTF_8);

        ParsedFaq expected = FaqParser.parse(seed());
        assertThat(crlf[0]).isEqualTo((byte) 0xEF);
        assertThat(FaqParser.parse(crlf)).isEqualTo(expected);
        assertThat(FaqParser.parse(cr)).isEqualTo(expected);
    }

    // ---- format rules on small inputs ----

    @Test
    void parse_titleLine_becomesTitleAndNotText() {
        ParsedFaq faq = parse("\n# Baby sleep  FAQ \n\nWhat is it?\n\nA jerk.\n");

        assertThat(faq.title()).isEqualTo("Baby sleep FAQ");
        assertThat(faq.questions()).containsExactly(new ParsedQuestion(4, "What is it?", "A jerk."));
        assertThat(faq.dropped()).isEmpty();
    }

    @Test
    void parse_titleDirectlyAboveQuestion_isStillTitle() {
        ParsedFaq faq = parse("# FAQ\nWhat is it?\n\nA jerk.");

        assertThat(faq.title()).isEqualTo("FAQ");
        assertThat(faq.questions()).containsExactly(new ParsedQuestion(2, "What is it?", "A jerk."));
    }

    @Test
    void parse_wrappedLines_joinWithOneSpaceAndParagraphsWithBlankLine() {
        ParsedFaq faq = parse("Q?\n\n  first \t line\nsecond\u00A0\u00A0line\n\n\n\nIs this\nwrapped?\n");

        assertThat(faq.questions()).containsExactly(
                new ParsedQuestion(1, "Q?", "first line second line\n\nIs this wrapped?"));
    }

    @Test
    void parse_listInSameParagraphAsIntro_separatesIntroFromList() {
        ParsedFaq faq = parse("""
                Which drugs help?

                Examples of medication
                include :
                  1. aspirin
                  2) ibuprofen,
                     taken with food
                10. rest

                Ask a doctor.
                """);

        assertThat(faq.questions().get(0).answer()).isEqualTo(
                "Examples of medication include :\n\n1. aspirin\n2. ibuprofen, taken with food\n10. rest"
                        + "\n\nAsk a doctor.");
    }

    @Test
    void parse_bulletLines_becomeDashItems() {
        ParsedFaq faq = parse("Q?\n\n\u2022 one\n  * two\n- three\n");

        assertThat(faq.questions().get(0).answer()).isEqualTo("- one\n- two\n- three");
    }

    @Test
    void parse_markupLookingText_isEscaped() {
        ParsedFaq faq = parse("Q?\n\n# not a heading\n\n> not a quote\n\n---\n\n=== x\n\n1.\n\n- # item\n\n2.5 mg is fine\n");

        assertThat(faq.questions().get(0).answer()).isEqualTo(
                "\\# not a heading\n\n\\> not a quote\n\n\\---\n\n\\=== x\n\n1\\.\n\n- \\# item\n\n2.5 mg is fine");
    }

    @Test
    void parse_junkIsCaseInsensitiveAndRemovedBeforeQuestions() {
        ParsedFaq faq = parse("""
                Q?

                read also: Another page?
                A.
                  See Also: more?

                You may also like: this?
                Related: that?
                """);

        assertThat(faq.questions()).containsExactly(new ParsedQuestion(1, "Q?", "A."));
        assertThat(faq.dropped()).extracting(DroppedLine::line).containsExactly(3, 5, 7, 8);
        assertThat(faq.dropped().get(1).text()).isEqualTo("See Also: more?");
    }

    @Test
    void parse_arabicAndFullwidthQuestionMarks_areQuestions() {
        ParsedFaq faq = parse("ما هو الرمع العضلي أثناء النوم؟\n\nحركات لا إرادية.\n\n睡眠ミオクローヌスとは？\n\n良性です。\n");

        assertThat(faq.questions()).containsExactly(
                new ParsedQuestion(1, "ما هو الرمع العضلي أثناء النوم؟", "حركات لا إرادية."),
                new ParsedQuestion(5, "睡眠ミオクローヌスとは？", "良性です。"));
    }

    // ---- errors ----

    @Test
    void parse_emptyBytes_fails() {
        assertFails(new byte[0], "The file is empty.");
    }

    @Test
    void parse_whitespaceOnly_fails() {
        assertFails(" \n\t\r\n\u00A0\n", "The file is empty.");
    }

    @Test
    void parse_onlyJunk_countsAsEmpty() {
        assertFails("\nREAD ALSO: Something?\n\nIT IS INTERESTING: Else?\n",
                "The file is empty. Its only text is scraper junk, such as line 2: \"READ ALSO: Something?\".");
    }

    @Test
    void parse_noQuestion_fails() {
        assertFails("Just some text.\n\nMore text.\n",
                "No questions found: a question is a line of its own ending in '?'.");
    }

    @Test
    void parse_titleOnly_failsWithNoQuestions() {
        assertFails("# FAQ\n", "No questions found: a question is a line of its own ending in '?'.");
    }

    @Test
    void parse_questionWithoutAnswerAtEnd_failsNamingLine() {
        assertFails("Q1?\n\nA1.\n\nQ2?\n", "The question on line 5 has no answer: \"Q2?\".");
    }

    @Test
    void parse_questionWithoutAnswerInMiddle_failsNamingLine() {
        assertFails("Q1?\n\nQ2?\n\nA2.\n", "The question on line 1 has no answer: \"Q1?\".");
    }

    @Test
    void parse_textBeforeFirstQuestion_failsNamingLine() {
        assertFails("# FAQ\n\nSome intro\ntext\n\nQ?\n\nA.\n",
                "Line 3 comes before the first question: \"Some intro\". "
                        + "Only a '# title' line may come before it.");
    }

    @Test
    void parse_longTextBeforeFirstQuestion_isShortenedInMessage() {
        String longLine = "This introduction is much too long to be quoted in full on the command line.";
        assertFails(longLine + "\n\nQ?\n\nA.\n",
                "Line 1 comes before the first question: "
                        + "\"This introduction is much too long to be quoted in full o...\". "
                        + "Only a '# title' line may come before it.");
    }

    @Test
    void parse_duplicateQuestion_failsNamingBothLines() {
        assertFails("What is X?\n\nA.\n\nWHAT is x?\n\nB.\n",
                "The question on line 5 repeats the question on line 1.");
    }

    @Test
    void parse_invalidUtf8_failsWithByteOffset() {
        assertFails(new byte[] {(byte) 0xC3, (byte) 0x28},
                "The file is not UTF-8 text (invalid bytes at byte offset 0).");
    }

    @Test
    void parse_latin1Text_failsWithByteOffset() {
        byte[] latin1 = "Q?\n\nCaf\u00e9.\n".getBytes(ISO_8859_1);
        assertFails(latin1, "The file is not UTF-8 text (invalid bytes at byte offset 7).");
    }

    @Test
    void parse_truncatedUtf8AtEnd_fails() {
        byte[] truncated = {'Q', '?', '\n', '\n', 'A', (byte) 0xE2, (byte) 0x80};
        assertFails(truncated, "The file is not UTF-8 text (invalid bytes at byte offset 5).");
    }

    // ---- helpers ----

    private static ParsedFaq parse(String text) {
        return FaqParser.parse(text.getBytes(UTF_8));
    }

    private static void assertFails(String text, String message) {
        assertFails(text.getBytes(UTF_8), message);
    }

    private static void assertFails(byte[] bytes, String message) {
        assertThatThrownBy(() -> FaqParser.parse(bytes))
                .isInstanceOf(FaqFormatException.class)
                .hasMessage(message);
    }

    private static byte[] seed() {
        try (InputStream in = FaqParserTest.class.getResourceAsStream("/demo/bnsm-faq.txt")) {
            assertThat(in).as("seed resource /demo/bnsm-faq.txt").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
