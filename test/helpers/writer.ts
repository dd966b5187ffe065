// The writer process lives with the example (npm start uses it too); tests spawn it from here.
import '../../src/example/bank-writer.ts';
