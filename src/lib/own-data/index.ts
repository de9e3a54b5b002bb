/** "Your own data": an analyst's CSV read in the browser, validated by the ETL's rules, ready for the compare charts. */
export * from './parse-file';
export * from './observations';
export * from './table';
