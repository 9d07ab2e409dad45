CREATE TABLE "readiness_questions" (
	"structure_key" text NOT NULL,
	"question_id" text NOT NULL,
	"objective" integer NOT NULL,
	"share" double precision NOT NULL,
	CONSTRAINT "readiness_questions_structure_key_question_id_pk" PRIMARY KEY("structure_key","question_id")
);
