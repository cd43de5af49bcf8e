select E'it\'s;
