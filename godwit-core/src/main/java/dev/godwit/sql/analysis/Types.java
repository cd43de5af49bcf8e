package dev.godwit.sql.analysis;

import dev.godwit.sql.Names;
import dev.godwit.sql.Token;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a type name: {@code numeric(12,2)}, {@code timestamp(3) with time zone}, {@code public.money_t[]}. */
final class Types {

    /** Words that end a type in a column definition, ALTER … TYPE or CREATE DOMAIN. */
    static final Set<String> STOP = Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK",
            "CONSTRAINT", "GENERATED", "COLLATE", "USING", "DEFERRABLE", "INITIALLY", "AS", "STORAGE", "COMPRESSION");

    private Types() {}

    /** The type at the cursor, or null when there is none. */
    static TypeName read(TokenCursor c) {
        int start = c.position();
        List<String> words = new ArrayList<>();
        List<Integer> modifiers = new ArrayList<>();
        boolean array = false;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (TokenCursor.isNameToken(t) && !(t.type() == TokenType.IDENTIFIER && isStop(t))) {
                if (t.isWord("ARRAY")) {
                    array = true;
                    c.moveOn();
                    continue;
                }
                words.add(Names.unquote(t.text()));
                c.moveOn();
                if (c.isPunct(".") && c.position() + 1 < c.size() && TokenCursor.isNameToken(c.get(c.position() + 1))) {
                    c.moveOn(); // schema-qualified: keep the type's own name
                    words.clear();
                }
            } else if (c.isPunct("(") && !words.isEmpty()) {
                modifiers.addAll(numbers(c.parenthesised()));
            } else if (c.isPunct("[")) {
                c.parenthesised();
                array = true;
            } else {
                break;
            }
        }
        if (words.isEmpty()) {
            c.moveTo(start);
            return null;
        }
        String spelled = String.join(" ", words); // unquoted words are folded already; "Money" keeps its case
        return TypeName.of(spelled, modifiers, array, c.textSince(start));
    }

    private static boolean isStop(Token t) {
        return STOP.contains(t.text().toUpperCase(Locale.ROOT));
    }

    private static List<Integer> numbers(String inside) {
        List<Integer> out = new ArrayList<>();
        if (inside == null) {
            return out;
        }
        for (String part : inside.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                return List.of(); // interval(…) fields or an expression: not a length, precision or scale
            }
        }
        return out;
    }
}
