/** The effort calculator lives in common/ (the web app's form previews it live); re-exported here. */
export * from '../../../common/effort-calculator.ts';
