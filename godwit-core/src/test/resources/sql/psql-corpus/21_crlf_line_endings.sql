-- Windows line endings throughout; psql keeps the \r.
CREATE TABLE crlf (
    id int PRIMARY KEY,
    note text
);

INSERT INTO crlf VALUES (1, 'line one');
INSERT INTO crlf VALUES (2, 'multi
line; string');


SELECT id,
       note
FROM crlf
ORDER BY id;
/* a block
   comment; */
SELECT $$dollar
body$$;
DO $$
BEGIN
    RAISE NOTICE 'crlf; ok';
END
$$;
SELECT 1 -- trailing comment
;
