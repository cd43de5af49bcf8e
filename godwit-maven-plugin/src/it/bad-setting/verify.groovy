def log = new File(basedir, 'build.log').text
assert log.contains('max_risk') : log
assert log.contains('enormous') : log
assert log.contains('(exit 2)') : log
return true
