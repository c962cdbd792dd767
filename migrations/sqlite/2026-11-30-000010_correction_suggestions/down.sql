DROP TABLE site_keys;
DROP TABLE correction_suggestions;
