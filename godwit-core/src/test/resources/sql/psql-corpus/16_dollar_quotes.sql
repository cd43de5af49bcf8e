SELECT $$plain; dollar quote$$ AS a;
SELECT $$$$ AS empty_body;
SELECT $tag$with a tag; and 'quotes' and "quotes"$tag$ AS b;
SELECT $a$ $ab$ still inside $ab$ $a$ AS nested_lookalike;
SELECT $x$ $X$ case matters $X$ $x$ AS case_sensitive;
SELECT $_$underscore tag$_$ AS c, $_1$digits after start$_1$ AS d;
SELECT $é$unicode tag; ok$é$ AS e;
SELECT $q$ a lone $ and $1 and $ 2 $q$ AS lone_dollars;
SELECT $$-- not a comment$$ AS f, $$/* nor this$$ AS g;
SELECT $$ends with a backslash \$$ AS h;
SELECT $body$
multi-line;
body with an empty line:

end$body$ AS i;
SELECT length($$$$) + length($a$$a$) AS zero;
SELECT a$b AS "ident with dollar" FROM (SELECT 1 AS a$b) t;
SELECT 1 AS x$$, 2 AS y$z$;
SELECT $$a$$||$$b$$ AS concatenated;
SELECT $function$
    SELECT $$inner$$; SELECT 'inner; too';
$function$ AS function_text;
