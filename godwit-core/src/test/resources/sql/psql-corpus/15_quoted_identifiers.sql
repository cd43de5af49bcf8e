CREATE TABLE "Weird;Table" ("col;1" int, "say ""hi""" text, "--dash" int, "/*star*/" int, "$$" int);
INSERT INTO "Weird;Table" VALUES (1, 'hi', 2, 3, 4);
SELECT "col;1", "say ""hi""", "--dash", "/*star*/", "$$" FROM "Weird;Table";
CREATE TABLE "select" ("from" int, "where" text, "END" int, "begin" int);
INSERT INTO "select" ("from", "where", "END", "begin") VALUES (1, 'x', 2, 3);
SELECT "from" AS "end;" FROM "select" WHERE "where" = 'x';
CREATE TABLE "Ünïcødé tåble" ("naïve" text, "日本語" int, "emoji 😀" bool);
INSERT INTO "Ünïcødé tåble" VALUES ('café', 1, true);
SELECT "naïve", "日本語", "emoji 😀" FROM "Ünïcødé tåble";
CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."Mixed Case" (id int);
SELECT * FROM "My Schema"."Mixed Case";
SELECT 1 AS """", 2 AS "a""b""c", 3 AS "'";
CREATE TABLE "a'b" (id int);
SELECT * FROM "a'b";
CREATE TABLE "
multi-line
name" (id int);
SELECT * FROM "
multi-line
name";
