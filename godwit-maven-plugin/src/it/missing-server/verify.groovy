def log = new File(basedir, 'build.log').text
assert log.contains("godwit: no <server> with id 'nope' in settings.xml") : log
return true
