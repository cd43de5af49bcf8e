-- standard_conforming_strings decides what a backslash means in '...'. psql follows the server's setting,
-- changing how it reads the next lines of the file; so must the splitter.
CREATE TABLE scs (id int PRIMARY KEY, s text);
INSERT INTO scs VALUES (1, 'on: a backslash\');
SET standard_conforming_strings = off;
SET escape_string_warning = off;
INSERT INTO scs VALUES (2, 'off: it\'s an escaped quote; still inside');
INSERT INTO scs VALUES (3, 'off: \\ is one backslash');
INSERT INTO scs VALUES (4, E'escape strings do not change: \'');
INSERT INTO scs VALUES (5, N'national strings follow the setting: \'; yes');
SET standard_conforming_strings TO on;
INSERT INTO scs VALUES (6, 'on again: a backslash\');
SET SESSION standard_conforming_strings = 'off';
INSERT INTO scs VALUES (7, 'quoted value: \';');
RESET standard_conforming_strings;
INSERT INTO scs VALUES (8, 'reset: backslash\');
SET standard_conforming_strings = false;
INSERT INTO scs VALUES (9, 'false: \'');
SET standard_conforming_strings TO DEFAULT;
INSERT INTO scs VALUES (10, 'default: \');
SELECT id, s FROM scs ORDER BY id;
