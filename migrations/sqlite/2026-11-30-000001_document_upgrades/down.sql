DROP TABLE document_upgrades;
