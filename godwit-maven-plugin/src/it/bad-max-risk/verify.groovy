def log = new File(basedir, 'build.log').text
assert log.contains("godwit: maxRisk must be low, medium, high or critical, not 'enormous'") : log
return true
