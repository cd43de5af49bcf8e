def log = new File(basedir, 'build.log').text
assert log.contains('(exit 8)') : log
assert log.contains('127.0.0.1') : log
assert !log.contains('pw-never-shown') : 'the password of the URL was printed'
return true
