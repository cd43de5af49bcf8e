// The build failed (invoker.properties) because of the finding, shown as a Maven error with its file and line.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/godwit/V2__drop_note.sql:2:1: high drop-column:') : log
assert log.contains('1 finding(s) at or above max_risk high, first src/main/resources/db/godwit/V2__drop_note.sql:2:1 drop-column (exit 5)') : log
assert log.contains('BUILD FAILURE')
return true
