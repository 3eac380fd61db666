package dev.roster.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Collectors;

/** axe-core in the browser: a page in a given state has no violation of WCAG 2.2 A and AA (as axe checks them). */
public final class Accessibility {

    /** The rule sets checked: WCAG 2.0 A and AA, and what 2.1 and 2.2 add at AA. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21aa", "wcag22aa");

    private Accessibility() {}

    /** Runs axe on the page as it is now and fails with each violation's rule, help and elements. */
    public static void assertAccessible(Page page, String state) {
        AxeResults results = new AxeBuilder(page).withTags(TAGS).analyze();
        assertThat(results.getViolations())
                .as(() -> state + " at " + page.url() + "\n" + describe(results))
                .isEmpty();
        assertThat(results.getPasses()).as(state + ": axe ran no rule").isNotEmpty();
    }

    private static String describe(AxeResults results) {
        return results.getViolations().stream().map(Accessibility::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n"
                + rule.getNodes().stream()
                        .map(CheckedNode::getHtml)
                        .map(html -> "    " + html)
                        .collect(Collectors.joining("\n"));
    }
}
