DROP TABLE ai_act_obligations;
DROP TABLE ai_act_triages;
