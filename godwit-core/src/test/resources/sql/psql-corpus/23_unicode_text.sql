-- Ünïcödé everywhere: comments ☃, strings, identifiers; 日本語のコメント；全角の分号は区切りではない。
CREATE TABLE übersetzungen (schlüssel text PRIMARY KEY, wert text, 値 int);
INSERT INTO übersetzungen VALUES ('grüße', 'Grüße aus Köln; tschüss', 1);
INSERT INTO übersetzungen VALUES ('emoji', '💶 €100; 😀 done', 2);
INSERT INTO übersetzungen VALUES ('cjk', '日本語；中文；한국어', 3);
INSERT INTO übersetzungen VALUES ('rtl', 'مرحبا؛ שלום', 4);
INSERT INTO übersetzungen VALUES ('combining', 'e' || U&'\0301' || ' = é', 5);
SELECT schlüssel, wert, 値, length(wert), octet_length(wert) FROM übersetzungen ORDER BY 値;
SELECT 'naïve café' AS "résumé", $€$ price in €; $€$ AS "€";
SELECT upper('straße'), lower('ÀÉÎÕÜ');
/* Kommentar mit Umlauten: äöü; */ SELECT 'ok' AS "✓";
SELECT ñandú FROM (SELECT 1 AS ñandú) AS ñ;
