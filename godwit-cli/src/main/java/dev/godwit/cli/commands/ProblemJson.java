package dev.godwit.cli.commands;

import dev.godwit.run.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Problems in JSON: {@code {"code", "file", "line", "message", "hint"}}, as the API holds them. */
public final class ProblemJson {

    private ProblemJson() {}

    public static List<Map<String, Object>> of(List<Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", p.code());
            m.put("file", p.file().orElse(null));
            m.put("line", p.line().orElse(null));
            m.put("message", p.message());
            m.put("hint", p.hint().orElse(null));
            return m;
        }).toList();
    }
}
