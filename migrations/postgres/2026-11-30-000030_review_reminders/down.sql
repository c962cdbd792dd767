DROP TABLE review_reminders;
DROP TABLE review_dates;
