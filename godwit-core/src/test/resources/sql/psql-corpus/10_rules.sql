CREATE TABLE shoes (id int PRIMARY KEY, name text, stock int NOT NULL DEFAULT 0);
CREATE TABLE shoes_log (id int, what text, at timestamptz DEFAULT now());
CREATE TABLE shoes_archive (LIKE shoes);

CREATE RULE shoes_ins_log AS ON INSERT TO shoes
    DO ALSO INSERT INTO shoes_log (id, what) VALUES (NEW.id, 'insert');

CREATE RULE shoes_upd_log AS ON UPDATE TO shoes
    DO ALSO (
        INSERT INTO shoes_log (id, what) VALUES (NEW.id, 'update; old stock ' || OLD.stock);
        INSERT INTO shoes_log (id, what) VALUES (NEW.id, 'update; new stock ' || NEW.stock)
    );

CREATE RULE shoes_del AS ON DELETE TO shoes
    DO INSTEAD (INSERT INTO shoes_archive SELECT OLD.*; UPDATE shoes SET stock = 0 WHERE id = OLD.id;);

CREATE VIEW shoes_view AS SELECT id, name FROM shoes;
CREATE RULE shoes_view_ins AS ON INSERT TO shoes_view DO INSTEAD
    INSERT INTO shoes (id, name) VALUES (NEW.id, NEW.name);
CREATE RULE shoes_view_nothing AS ON DELETE TO shoes_view DO INSTEAD NOTHING;

INSERT INTO shoes VALUES (1, 'boot', 3), (2, 'sandal; summer', 10);
UPDATE shoes SET stock = stock - 1 WHERE id = 1;
DELETE FROM shoes WHERE id = 2;
INSERT INTO shoes_view VALUES (3, 'slipper');
DELETE FROM shoes_view;
SELECT id, what FROM shoes_log ORDER BY id, what;
SELECT * FROM shoes ORDER BY id;
DROP RULE shoes_view_nothing ON shoes_view;
