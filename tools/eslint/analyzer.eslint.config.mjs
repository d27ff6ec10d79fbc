import security from "eslint-plugin-security";
import react from "eslint-plugin-react";
import nounsanitized from "eslint-plugin-no-unsanitized";

export default [
  {
    files: ["**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs"],
    ignores: ["**/node_modules/**", "**/dist/**", "**/build/**"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    plugins: { security, react, "no-unsanitized": nounsanitized },
    settings: { react: { version: "18.0" } },
    rules: {
      ...security.configs.recommended.rules,
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
      "react/no-danger": "warn",
      "react/jsx-no-target-blank": "warn",
      "react/jsx-no-script-url": "error",
      "no-unsanitized/method": "error",
      "no-unsanitized/property": "error",
    },
  },
];
