copy accounts from stdin;
1	x
\.
