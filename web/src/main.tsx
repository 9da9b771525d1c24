/**
 * The web app: the public portal (/, /apply, /track) and the back office (/admin), in Simplified Chinese.
 */
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import { MetaProvider } from './lib/meta';
import { AuthProvider, RequireAuth } from './lib/auth';
import { PublicLayout } from './components/PublicLayout';
import './styles.css';

dayjs.locale('zh-cn');
// the pages' Content-Security-Policy forbids eval: zod is not to probe for it (each probe is a reported violation)
z.config({ jitless: true });

const Home = lazy(() => import('./pages/Home'));
const Apply = lazy(() => import('./pages/Apply'));
const Track = lazy(() => import('./pages/Track'));
const NotFound = lazy(() => import('./pages/NotFound'));
const AdminLayout = lazy(() => import('./components/AdminLayout').then((m) => ({ default: m.AdminLayout })));
const Login = lazy(() => import('./pages/admin/Login'));
const Queue = lazy(() => import('./pages/admin/Queue'));
const Register = lazy(() => import('./pages/admin/Register'));
const CasePage = lazy(() => import('./pages/admin/Case'));
const ReviewCases = lazy(() => import('./pages/admin/ReviewCases'));
const Settings = lazy(() => import('./pages/admin/Settings'));
const Password = lazy(() => import('./pages/admin/Password'));
const Registry = lazy(() => import('./pages/admin/Registry'));
const Records = lazy(() => import('./pages/admin/Records'));
const GuideEditor = lazy(() => import('./pages/admin/Guide'));
const Catalogue = lazy(() => import('./pages/Catalogue'));
const GuidePage = lazy(() => import('./pages/GuidePage'));
const Reports = lazy(() => import('./pages/admin/Reports'));
const ReportEditor = lazy(() => import('./pages/admin/ReportEditor'));
const Supervision = lazy(() => import('./pages/admin/Supervision'));
const PublicReports = lazy(() => import('./pages/PublicReports'));
const PublicReport = lazy(() => import('./pages/PublicReport'));

function Loading() {
  return (
    <div className="page-loading">
      <Spin size="large" />
    </div>
  );
}

function Root() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1d4f91', borderRadius: 4 } }}>
      <AntApp>
        <BrowserRouter>
          <MetaProvider>
            <AuthProvider>
              <Suspense fallback={<Loading />}>
                <Routes>
                  <Route element={<PublicLayout />}>
                    <Route index element={<Home />} />
                    <Route path="apply" element={<Apply />} />
                    <Route path="track" element={<Track />} />
                    <Route path="track/:code" element={<Track />} />
                    <Route path="catalogue" element={<Catalogue />} />
                    <Route path="catalogue/:agencyId" element={<Catalogue />} />
                    <Route path="guide" element={<GuidePage />} />
                    <Route path="guide/:agencyId" element={<GuidePage />} />
                    <Route path="reports" element={<PublicReports />} />
                    <Route path="reports/:agencyId" element={<PublicReports />} />
                    <Route path="reports/:agencyId/:year" element={<PublicReport />} />
                  </Route>
                  <Route path="admin/login" element={<Login />} />
                  <Route
                    path="admin"
                    element={
                      <RequireAuth>
                        <AdminLayout />
                      </RequireAuth>
                    }
                  >
                    <Route index element={<Queue />} />
                    <Route path="register" element={<Register />} />
                    <Route path="applications/:id" element={<CasePage />} />
                    <Route path="review-cases" element={<ReviewCases />} />
                    <Route path="settings" element={<Settings />} />
                    <Route path="password" element={<Password />} />
                    <Route path="registry" element={<Registry />} />
                    <Route path="records" element={<Records />} />
                    <Route path="guide" element={<GuideEditor />} />
                    <Route path="reports" element={<Reports />} />
                    <Route path="reports/:year" element={<ReportEditor />} />
                    <Route path="supervision" element={<Supervision />} />
                    <Route path="*" element={<NotFound />} />
                  </Route>
                  <Route element={<PublicLayout />}>
                    <Route path="*" element={<NotFound />} />
                  </Route>
                </Routes>
              </Suspense>
            </AuthProvider>
          </MetaProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
