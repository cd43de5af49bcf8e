SELECT 1;
SELECT 2; /* the file ends in a comment, without a newline */