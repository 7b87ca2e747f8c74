/**
 * The console's page icon, served by the console itself: without one a browser asks
 * the application's /favicon.ico, which is not the console's to answer.
 */
export const CONSOLE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0747a6"/><path d="M4 3v10h8" fill="none" stroke="#fff" stroke-width="2"/></svg>
`;
