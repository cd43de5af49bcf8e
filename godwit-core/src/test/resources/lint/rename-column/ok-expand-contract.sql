ALTER TABLE accounts ADD COLUMN memo text;
CREATE FUNCTION accounts_memo_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.memo := COALESCE(NEW.memo, NEW.note);
    NEW.note := COALESCE(NEW.note, NEW.memo);
  ELSIF NEW.note IS DISTINCT FROM OLD.note THEN
    NEW.memo := NEW.note;
  ELSIF NEW.memo IS DISTINCT FROM OLD.memo THEN
    NEW.note := NEW.memo;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER accounts_memo_sync BEFORE INSERT OR UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_memo_sync();
ALTER TABLE accounts RENAME CONSTRAINT accounts_note_check TO accounts_memo_check;
