package beamscope.app.lessons;

import java.util.function.Supplier;

/**
 * One guided lesson: what it is about in our own words, the Elixir code it mirrors (written in the
 * tutorials' style), and a fresh {@link Script} per run — the real processes it starts and the steps the
 * learner takes.
 *
 * @param id          the id {@code -Dlesson=ID} takes (the names: {@code bank-supervised}, …)
 * @param title       a short title
 * @param tutorial    the tutorial it comes from ({@code "002"} …, {@code "beyond"}: see {@link Tutorial})
 * @param explanation a few sentences of our own
 * @param elixir      the Elixir code the Java behaviours mirror
 * @param script      a new script for each run (steps keep what they saw in fields)
 */
public record Lesson(String id, String title, String tutorial, String explanation, String elixir,
        Supplier<Script> script) {

    @Override
    public String toString() {
        return title;
    }
}
