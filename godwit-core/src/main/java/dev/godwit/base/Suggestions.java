package dev.godwit.base;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" for misspelt keys, sections, environment names and directives. */
public final class Suggestions {

    private Suggestions() {}

    /** The closest candidate within a couple of typos, if any. */
    public static Optional<String> closest(String got, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(got.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, got.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** " did you mean 'x'?" or nothing; for appending to a sentence that ends with ';'. */
    public static String didYouMean(String got, Collection<String> candidates) {
        return closest(got, candidates).map(c -> " did you mean '" + c + "'?").orElse("");
    }

    /** Levenshtein distance, with '-' and '_' counted as the same (people mix them up in keys). */
    public static int distance(String a, String b) {
        a = a.replace('-', '_');
        b = b.replace('-', '_');
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
