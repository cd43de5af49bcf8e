// -Dgodwit.test.url (godwit-junit5's) is on the command line: it must not reach Godwit's settings.
def log = new File(basedir, 'build.log').text
assert log.contains('godwit: 2 file(s), ') : log // the down scripts are not linted: U1 drops a table
assert log.contains(' 0 at or above high') : log
assert log.contains('BUILD SUCCESS')
return true
