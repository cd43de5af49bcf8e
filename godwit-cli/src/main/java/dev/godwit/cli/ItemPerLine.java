package dev.godwit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;

/**
 * JSON indented as usual for the document and its lists, with each item of a list (a finding) on one line of its
 * own: a report of 75,000 findings stays readable and greppable, at a fifth fewer bytes and much less indenting
 * than one field per line.
 */
final class ItemPerLine extends DefaultPrettyPrinter {

    private static final Indenter BY_DEPTH = new Indenter() {
        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            if (depth(g.getOutputContext()) >= 3) {
                g.writeRaw(' '); // inside an item: on its line
            } else {
                g.writeRaw('\n');
                for (int i = 0; i < level; i++) {
                    g.writeRaw("  ");
                }
            }
        }

        @Override
        public boolean isInline() {
            return false;
        }
    };

    ItemPerLine() {
        indentObjectsWith(BY_DEPTH);
        indentArraysWith(BY_DEPTH);
    }

    /** The document is 1, a list in it 2, an item of that list 3. */
    private static int depth(JsonStreamContext c) {
        int d = 0;
        for (JsonStreamContext x = c; x != null && !x.inRoot(); x = x.getParent()) {
            d++;
        }
        return d;
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new ItemPerLine();
    }
}
